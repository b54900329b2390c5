// Run by Maven before npm: a too-old Node fails here with a sentence instead of deep inside Vite.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `The frontend needs Node.js 20.19 or newer; this is ${process.versions.node}. ` +
      'Install Node 20+ (https://nodejs.org or your package manager) and run ./mvnw again.',
  );
  process.exit(1);
}
