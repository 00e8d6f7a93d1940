import { z } from 'zod';

/** `GET {EMULATOR_URL}/_emulator/config`, as agreed with the emulator team. */
export const emulatorConfigSchema = z.object({
  tenantId: z.string().min(1),
  authorityHost: z.string().url(),
  armEndpoint: z.string().url(),
  caPath: z.string().min(1),
  app: z.object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    identifierUri: z.string().min(1),
    scope: z.string().min(1),
  }),
  users: z
    .array(z.object({ key: z.string(), name: z.string(), upn: z.string(), oid: z.string() }))
    .default([]),
  teamsClientId: z.string().optional(),
});

export type EmulatorConfig = z.output<typeof emulatorConfigSchema>;
