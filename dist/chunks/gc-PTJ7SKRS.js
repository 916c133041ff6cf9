import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
} from "./chunk-JQ244UGH.js";
import "./chunk-TDE346FJ.js";
import "./chunk-HLXTG6N5.js";
import "./chunk-JWGDE4UJ.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
};
