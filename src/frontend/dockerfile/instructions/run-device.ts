import { BuildError } from '../../../errors/index.ts';
import { withSuggestion } from '../../../util/suggest.ts';
import { CsvError, csvFields } from './csv-fields.ts';
import type { RunDevice } from './types.ts';

/** BuildKit's ParseDevice for `RUN --device=name[,required[=bool]]`. */
export function parseRunDevice(spec: string): RunDevice {
  let fields: string[];
  try {
    fields = csvFields(spec);
  } catch (err: unknown) {
    if (err instanceof CsvError) throw deviceError(`failed to parse csv devices: ${err.message}`);
    throw err;
  }
  const device: RunDevice = { name: '', required: false };
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0 && key === 'required') device.required = true;
    else if (eq < 0 && device.name === '') device.name = field;
    else if (eq < 0) throw deviceError(`invalid field '${field}' must be a key=value pair`);
    else if (key === 'name') {
      if (device.name !== '') throw deviceError(`device name already set to ${device.name}`);
      device.name = value;
    } else if (key === 'required') device.required = parseBool(key, value);
    else if (device.name === '') device.name = field;
    else
      throw deviceError(
        withSuggestion(`unexpected key '${key}' in '${field}'`, key, ['name', 'required'], true),
      );
  }
  return device;
}

function parseBool(key: string, value: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw deviceError(`invalid value for ${key}: ${value}`);
}

function deviceError(message: string): BuildError {
  return new BuildError('ERR_TSBUILD_DOCKERFILE_DEVICE', message);
}
