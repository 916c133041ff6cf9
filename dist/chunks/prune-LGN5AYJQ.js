import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  prune
} from "./chunk-IK6SZKRX.js";
import "./chunk-NUKIHCD7.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  prune
};
