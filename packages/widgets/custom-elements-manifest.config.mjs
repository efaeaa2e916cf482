// The Custom Elements Manifest of the widgets (custom-elements.json), written by the build.
export default {
  globs: ['src/components/*.ts', 'src/support/paybox-element.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // Lit's `static properties` declares internal state too ({ state: true }); the analyzer lists it
      // as attributes. What is private or protected in TypeScript is not part of the element's API.
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            const hidden = new Set((declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name));
            declaration.members = declaration.members?.filter((member) => !hidden.has(member.name));
            declaration.attributes = declaration.attributes?.filter((attribute) => !hidden.has(attribute.fieldName));
          }
        }
      },
    },
  ],
};
