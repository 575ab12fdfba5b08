// Validates Kubernetes manifests (a YAML stream on stdin, e.g. `kubectl kustomize deploy/k8s`) offline:
//  1. every document against the Kubernetes OpenAPI schema of its kind (kubernetes-models' generated
//     validators: types, required fields, enums, formats);
//  2. strictly: every field name must exist in the API (the schemas allow unknown fields, and a misspelt
//     `readinesProbe` would otherwise pass and be dropped silently by the API server); the field lists come
//     from the official JavaScript client's models (@kubernetes/client-node).
// Exits 1 naming each problem. Run by .ci/run, which installs both packages from the npm registry.
import { parseAllDocuments } from "yaml";
import * as client from "@kubernetes/client-node";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

const problems = [];
let checked = 0;

const SCALARS = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);

function checkFields(value, type, path) {
  if (value === null || value === undefined || SCALARS.has(type)) {
    return;
  }
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => checkFields(item, array[1], `${path}[${i}]`));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [key, item] of Object.entries(value)) checkFields(item, map[1], `${path}.${key}`);
    return;
  }
  const model = client[type];
  if (typeof model?.getAttributeTypeMap !== "function" || typeof value !== "object") {
    return;
  }
  const attributes = model.getAttributeTypeMap();
  for (const [key, item] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.baseName === key);
    if (!attribute) {
      problems.push(`${path}.${key}: unknown field (not in ${type})`);
    } else {
      checkFields(item, attribute.type, `${path}.${key}`);
    }
  }
}

for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const manifest = document.toJS();
  if (manifest === null) continue;
  const { apiVersion, kind } = manifest;
  const name = `${kind ?? "?"} ${manifest.metadata?.name ?? "?"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problems.push(`${name}: apiVersion and kind are required`);
    continue;
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  let Model;
  try {
    ({ [kind]: Model } = await import(`kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`));
  } catch {
    Model = undefined;
  }
  if (!Model) {
    problems.push(`${name}: ${apiVersion} ${kind} is not a Kubernetes API kind`);
    continue;
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    problems.push(`${name}: ${details.length ? details.join("; ") : error.message}`);
  }
  const type = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  if (typeof client[type]?.getAttributeTypeMap === "function") {
    checkFields(manifest, type, name);
  } else {
    problems.push(`${name}: no field list for ${type}`);
  }
  checked++;
}

if (checked === 0) problems.push("no manifest on stdin");
if (problems.length > 0) {
  console.error(`Kubernetes manifests invalid:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`Kubernetes manifests valid: ${checked} objects`);
