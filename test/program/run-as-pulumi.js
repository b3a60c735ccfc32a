// Runs a TypeScript entry point the way the Pulumi language host runs index.ts: ts-node with
// type checking, the project's tsconfig.json and ts-node's default `files: false` (only files
// that imports reach are loaded), with the compiler options @pulumi/pulumi's own run.js builds
// (node_modules/@pulumi/pulumi/cmd/run/run.js). Plain JavaScript, because it must register
// ts-node before any TypeScript loads.
//   usage: node test/program/run-as-pulumi.js <entry.ts> [args...]   (from the project root)
"use strict";
const path = require("path");
const tsutils = require("@pulumi/pulumi/tsutils");

const project = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(project);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: compilerOptions.noCheck,
    project,
    skipProject: false,
    compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});
require(path.resolve(process.argv[2]));
