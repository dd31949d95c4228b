/** The package cannot run on this node (no bundle, unsafe entry, bad process.json or Kubernetes YAML): trying again cannot help. */
export class BundleInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleInvalidError';
  }
}
