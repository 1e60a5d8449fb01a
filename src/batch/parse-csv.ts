// RFC 4180 CSV: comma separated, fields may be "quoted" with "" for a quote and line breaks inside quotes.
// Blank lines and lines starting with # are skipped. Pure.

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  const source = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    row.push(field);
    const blank = row.length === 1 && row[0]!.trim() === "" && !fieldStarted;
    if (!blank && !row[0]!.trimStart().startsWith("#")) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
      fieldStarted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return rows;
}
