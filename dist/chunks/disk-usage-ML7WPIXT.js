import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  apparentSize,
  diskUsage,
  matchesFilter,
  storeInventory
} from "./chunk-PUGHVPDJ.js";
import "./chunk-SPNDSMKT.js";
import "./chunk-55ADNU2D.js";
export {
  apparentSize,
  diskUsage,
  matchesFilter,
  storeInventory
};
