// Validates every document of a multi-document YAML file of Kubernetes manifests against the Kubernetes API's
// OpenAPI schemas, as shipped by kubernetes-models (generated from the official schemas of Kubernetes 1.27).
// Prints {"documents": n, "kinds": [...], "errors": [...]} and exits 1 when a document is invalid or of a kind it
// has no schema for.
//
//   node validate-manifests.mjs manifests.yaml
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
const errors = [];
const kinds = [];
let documents = 0;

for (const parsed of parseAllDocuments(await readFile(file, "utf8"))) {
  if (parsed.errors.length > 0) {
    errors.push(`YAML: ${parsed.errors.map((error) => error.message).join("; ")}`);
    continue;
  }
  const manifest = parsed.toJS();
  if (manifest === null) {
    continue;
  }
  documents++;
  const { apiVersion, kind } = manifest;
  const where = `${kind ?? "?"} ${manifest.metadata?.name ?? "?"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    errors.push(`${where}: no apiVersion or kind`);
    continue;
  }
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  let model;
  try {
    model = (await import(`kubernetes-models/${group}/${kind}`))[kind];
  } catch (unknown) {
    errors.push(`${where}: no schema for ${apiVersion} ${kind}`);
    continue;
  }
  kinds.push(`${apiVersion}/${kind}`);
  try {
    new model(manifest).validate();
  } catch (invalid) {
    errors.push(`${where}: ${invalid.message}`);
  }
}

console.log(JSON.stringify({ documents, kinds, errors }));
process.exit(errors.length === 0 && documents > 0 ? 0 : 1);
