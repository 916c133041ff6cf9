import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  BuildError
} from "./chunk-55ADNU2D.js";

// src/util/csv-fields.ts
var CsvFieldError = class extends Error {
  position;
  constructor(message, position) {
    super(message);
    this.name = "CsvFieldError";
    this.position = position;
  }
};
function splitCsvFields(input) {
  const line = input.replace(/\r?\n$/, "");
  if (line === "") return [];
  const fields = [];
  let pos = 0;
  for (; ; ) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(",", pos);
      const field = comma >= 0 ? line.slice(pos, comma) : line.slice(pos);
      const quote = field.indexOf('"');
      if (quote >= 0) throw new CsvFieldError('bare " in non-quoted field', pos + quote);
      fields.push(field);
      if (comma < 0) return fields;
      pos = comma + 1;
      continue;
    }
    const { value, end } = readQuoted(line, pos);
    fields.push(value);
    if (end >= line.length) return fields;
    pos = end + 1;
  }
}
function readQuoted(line, start) {
  let value = "";
  let pos = start + 1;
  for (; ; ) {
    const quote = line.indexOf('"', pos);
    if (quote < 0) throw new CsvFieldError('extraneous or missing " in quoted field', start);
    value += line.slice(pos, quote);
    const next = line[quote + 1];
    if (next === '"') {
      value += '"';
      pos = quote + 2;
    } else if (next === void 0 || next === ",") {
      return { value, end: quote + 1 };
    } else {
      throw new CsvFieldError('extraneous or missing " in quoted field', start);
    }
  }
}

// src/control/build-request-fields.ts
function invalid(what, message, hint) {
  const code = `ERR_TSBUILD_REQUEST_INVALID_${what.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
  return new BuildError(code, message, hint === void 0 ? {} : { hint });
}
function csvFields(value, flag) {
  try {
    return splitCsvFields(value);
  } catch (err) {
    if (err instanceof CsvFieldError) {
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid ${flag} value ${JSON.stringify(value)}: ${err.message}`,
        `quote a whole field that contains commas, e.g. 'type=image,"name=a:1,b:1"'`
      );
    }
    throw err;
  }
}
function keyValueFields(value, flag) {
  return csvFields(value, flag).map((field) => {
    const eq = field.indexOf("=");
    if (eq < 0)
      throw invalid(
        flag.replace(/^-+/, ""),
        `invalid ${flag} field ${JSON.stringify(field)}: expected key=value`
      );
    return [field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1)];
  });
}
var trueWords = /* @__PURE__ */ new Set(["1", "t", "T", "TRUE", "true", "True"]);
var falseWords = /* @__PURE__ */ new Set(["0", "f", "F", "FALSE", "false", "False"]);
function parseGoBool(text) {
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  return void 0;
}
function boolField(key, value, flag) {
  const b = parseGoBool(value);
  if (b === void 0) {
    throw invalid(flag.replace(/^-+/, ""), `invalid ${flag} value ${key}=${value}: expected true or false`);
  }
  return b;
}
function intField(key, value, flag) {
  if (!/^-?\d+$/.test(value)) {
    throw invalid(flag.replace(/^-+/, ""), `invalid ${flag} value ${key}=${value}: expected an integer`);
  }
  return Number(value);
}
var sizeUnits = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5
};
function parseByteSize(text, flag) {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text);
  if (!m) {
    throw invalid(
      flag.replace(/^-+/, ""),
      `invalid size ${JSON.stringify(text)} for ${flag}`,
      "use a number of bytes with an optional unit: 512m, 2g, 1gb"
    );
  }
  return Math.round(Number.parseFloat(m[1]) * sizeUnits[(m[2] ?? "").toLowerCase()]);
}
function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
function nearest(word, candidates) {
  let best;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 4))) return best;
  for (const c of candidates) {
    if (word.length >= 3 && (c.startsWith(word) || word.startsWith(c))) return c;
  }
  return void 0;
}
function didYouMean(word, candidates) {
  const n = nearest(word, candidates);
  return n === void 0 ? void 0 : `did you mean "${n}"?`;
}

export {
  invalid,
  csvFields,
  keyValueFields,
  parseGoBool,
  boolField,
  intField,
  parseByteSize,
  nearest,
  didYouMean
};
