import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
} from "./chunk-ENWRF37Q.js";
import "./chunk-TDE346FJ.js";
import "./chunk-PSPJU3IA.js";
import "./chunk-3P4OYAKP.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  autoGc,
  claimGc,
  gcNow,
  gcPolicy
};
