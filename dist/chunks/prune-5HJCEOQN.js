#!/usr/bin/env node
import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  prune
} from "./chunk-XPQO4D7U.js";
import "./chunk-3GO244UR.js";
import "./chunk-TAK4JOTU.js";
import "./chunk-JXP7HYT6.js";
export {
  prune
};
