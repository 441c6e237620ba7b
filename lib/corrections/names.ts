// the names live below lib/auth (lib/correction-fields.ts), which lets residents ask them; the corrections read them here
export * from '../correction-fields';
