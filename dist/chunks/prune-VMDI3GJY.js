import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  prune
} from "./chunk-ZCAH7TBL.js";
import "./chunk-NI4QZC3B.js";
import "./chunk-S6LUH6ZY.js";
import "./chunk-55ADNU2D.js";
export {
  prune
};
