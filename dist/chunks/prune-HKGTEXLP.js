import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  prune
} from "./chunk-PSPJU3IA.js";
import "./chunk-3P4OYAKP.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  prune
};
