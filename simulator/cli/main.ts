#!/usr/bin/env node
// The uvp-float bin: the host's verbs plus the simulator's. It lives on the simulator side because
// imports flow simulator -> host only, and the CLI offers both.
import { hostVerbs, runCli } from "../../host/cli/main.js";
import { simulateVerb } from "./simulateVerb.js";

process.exitCode = await runCli([simulateVerb, ...hostVerbs], process.argv.slice(2));
