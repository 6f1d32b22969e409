-- English names as the United Nations writes them, where the country-name
-- package (world-countries 5.1) writes another common name. IOM's pages
-- and the dataset's sources use the United Nations names.
UPDATE countries SET name_en = 'Côte d''Ivoire' WHERE iso3 = 'CIV';
UPDATE countries SET name_en = 'Cabo Verde' WHERE iso3 = 'CPV';
UPDATE countries SET name_en = 'Holy See' WHERE iso3 = 'VAT';
UPDATE countries SET name_en = 'Democratic Republic of the Congo' WHERE iso3 = 'COD';
UPDATE countries SET name_en = 'Congo' WHERE iso3 = 'COG';
UPDATE countries SET name_en = 'Viet Nam' WHERE iso3 = 'VNM';
