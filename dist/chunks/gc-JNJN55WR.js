import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
} from "./chunk-TXZIEKDI.js";
import "./chunk-TDE346FJ.js";
import "./chunk-YPD6WRLN.js";
import "./chunk-PUGHVPDJ.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
};
