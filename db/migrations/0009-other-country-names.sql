-- Other English names people search for: earlier names, short forms and
-- common abbreviations, separated by "|". Search matches them, and the app
-- still shows the name in name_en. Entries in capitals only (UK, DRC) are
-- abbreviations, which search matches in full, as it matches codes.
ALTER TABLE countries ADD COLUMN other_names TEXT NOT NULL DEFAULT '';

UPDATE countries SET other_names = 'Turkey' WHERE iso3 = 'TUR';
UPDATE countries SET other_names = 'Ivory Coast' WHERE iso3 = 'CIV';
UPDATE countries SET other_names = 'Czech Republic' WHERE iso3 = 'CZE';
UPDATE countries SET other_names = 'DRC|DR Congo|Congo-Kinshasa|Zaire' WHERE iso3 = 'COD';
UPDATE countries SET other_names = 'Republic of the Congo|Congo-Brazzaville' WHERE iso3 = 'COG';
UPDATE countries SET other_names = 'UK|Great Britain|Britain' WHERE iso3 = 'GBR';
UPDATE countries SET other_names = 'United States of America|US|America' WHERE iso3 = 'USA';
UPDATE countries SET other_names = 'Burma' WHERE iso3 = 'MMR';
UPDATE countries SET other_names = 'Swaziland' WHERE iso3 = 'SWZ';
UPDATE countries SET other_names = 'Macedonia' WHERE iso3 = 'MKD';
UPDATE countries SET other_names = 'Cape Verde' WHERE iso3 = 'CPV';
UPDATE countries SET other_names = 'East Timor' WHERE iso3 = 'TLS';
UPDATE countries SET other_names = 'Vatican|Vatican City' WHERE iso3 = 'VAT';
UPDATE countries SET other_names = 'Republic of Korea' WHERE iso3 = 'KOR';
UPDATE countries SET other_names = 'Democratic People''s Republic of Korea|DPRK' WHERE iso3 = 'PRK';
UPDATE countries SET other_names = 'Russian Federation' WHERE iso3 = 'RUS';
UPDATE countries SET other_names = 'Islamic Republic of Iran' WHERE iso3 = 'IRN';
UPDATE countries SET other_names = 'Syrian Arab Republic' WHERE iso3 = 'SYR';
UPDATE countries SET other_names = 'Lao People''s Democratic Republic|Lao PDR' WHERE iso3 = 'LAO';
UPDATE countries SET other_names = 'Vietnam' WHERE iso3 = 'VNM';
UPDATE countries SET other_names = 'United Republic of Tanzania' WHERE iso3 = 'TZA';
UPDATE countries SET other_names = 'Republic of Moldova' WHERE iso3 = 'MDA';
UPDATE countries SET other_names = 'Holland' WHERE iso3 = 'NLD';
UPDATE countries SET other_names = 'State of Palestine' WHERE iso3 = 'PSE';
UPDATE countries SET other_names = 'UAE' WHERE iso3 = 'ARE';
