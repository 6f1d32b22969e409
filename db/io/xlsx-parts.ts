/**
 * The fixed parts of an .xlsx package (Office Open XML SpreadsheetML):
 * content types, relationships, document properties, the workbook, the
 * styles and the shared string table.
 */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIP_NAMESPACE =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIP_NAMESPACE =
  'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** The opening tag of a worksheet part, with its namespaces. */
export const WORKSHEET_START =
  `${XML_DECLARATION}<worksheet xmlns="${MAIN_NAMESPACE}" ` +
  `xmlns:r="${RELATIONSHIP_NAMESPACE}">`;

/**
 * Cell formats of styles.xml, by index: the cell's s attribute. Bold is
 * for header rows, title for the README's first row, and the wrapped
 * variants for the README's text column.
 */
export const CELL_STYLE = {
  normal: 0,
  bold: 1,
  title: 2,
  wrapped: 3,
  boldWrapped: 4,
  titleWrapped: 5,
} as const;

/** Characters XML 1.0 cannot contain, even escaped. */
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Escapes text for an XML element or attribute. Characters that XML 1.0
 * cannot contain are dropped, and carriage returns are written as a
 * character reference so that XML readers keep them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARACTERS, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\r', '&#13;');
}

/** Returns the column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function sheetPath(index: number): string {
  return `worksheets/sheet${index + 1}.xml`;
}

/** Returns [Content_Types].xml for a workbook of `sheetCount` sheets. */
export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Override PartName="/xl/${sheetPath(index)}" ` +
      `ContentType="${CONTENT_TYPE}.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ' +
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/>` +
    sheets +
    `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT_TYPE}.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ' +
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>'
  );
}

/** Returns _rels/.rels: where the workbook and the document properties are. */
export function packageRelationshipsXml(): string {
  return (
    `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NAMESPACE}">` +
    `<Relationship Id="rId1" Type="${RELATIONSHIP_NAMESPACE}/officeDocument" ` +
    'Target="xl/workbook.xml"/>' +
    '<Relationship Id="rId2" ' +
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" ' +
    'Target="docProps/core.xml"/>' +
    '</Relationships>'
  );
}

/** Returns docProps/core.xml: who made the workbook and when. */
export function corePropertiesXml(creator: string, created: Date): string {
  const time = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_DECLARATION}<cp:coreProperties ` +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${time}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

/** Returns xl/workbook.xml: the sheets, in order. */
export function workbookXml(sheetNames: readonly string[]): string {
  const sheets = sheetNames
    .map(
      (name, index) =>
        `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
    )
    .join('');
  return (
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NAMESPACE}" xmlns:r="${RELATIONSHIP_NAMESPACE}">` +
    `<bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`
  );
}

/** Returns xl/_rels/workbook.xml.rels: the sheets, the styles and the strings. */
export function workbookRelationshipsXml(sheetCount: number): string {
  const relationship = (id: number, type: string, target: string) =>
    `<Relationship Id="rId${id}" Type="${RELATIONSHIP_NAMESPACE}/${type}" Target="${target}"/>`;
  const sheets = Array.from({ length: sheetCount }, (_, index) =>
    relationship(index + 1, 'worksheet', sheetPath(index)),
  ).join('');
  return (
    `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NAMESPACE}">${sheets}` +
    relationship(sheetCount + 1, 'styles', 'styles.xml') +
    relationship(sheetCount + 2, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>'
  );
}

/** Returns the path of a sheet part inside the package. */
export function sheetPartName(index: number): string {
  return `xl/${sheetPath(index)}`;
}

/** Returns xl/styles.xml with the cell formats of CELL_STYLE, in that order. */
export function stylesXml(): string {
  const font = (extra: string, size: number) =>
    `<font>${extra}<sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`;
  const format = (fontId: number, wrapped: boolean) =>
    `<xf numFmtId="0" fontId="${fontId}" fillId="0" borderId="0" xfId="0"` +
    (fontId === 0 ? '' : ' applyFont="1"') +
    (wrapped ? ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' : '/>');
  return (
    `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NAMESPACE}">` +
    `<fonts count="3">${font('', 11)}${font('<b/>', 11)}${font('<b/>', 14)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
    '<fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="6">${format(0, false)}${format(1, false)}${format(2, false)}` +
    `${format(0, true)}${format(1, true)}${format(2, true)}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/**
 * The shared string table: each distinct text once, which cells refer to
 * by index. It keeps files with repeated text small.
 */
export class SharedStrings {
  private readonly indexes = new Map<string, number>();
  private readonly strings: string[] = [];
  private references = 0;

  /** Returns the index of `text`, adding it on first use. */
  indexOf(text: string): number {
    this.references += 1;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.indexes.set(text, index);
    }
    return index;
  }

  /** Returns xl/sharedStrings.xml. */
  toXml(): string {
    const items = this.strings.map((text) => {
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(text)}</t></si>`;
    });
    return (
      `${XML_DECLARATION}<sst xmlns="${MAIN_NAMESPACE}" count="${this.references}" ` +
      `uniqueCount="${this.strings.length}">${items.join('')}</sst>`
    );
  }
}
