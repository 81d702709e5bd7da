/**
 * Central's login API (`/api/v1/auth/*`) for the advisor console and the usage dashboard: people
 * log in with a name and password, get an HttpOnly session cookie, and echo the CSRF token from
 * the reply in `x-csrf-token` on every state-changing request. Stations never log in; they use a
 * Bearer token.
 */
import { z } from 'zod';

/** Where the auth routes live. */
export const AUTH_API_PREFIX = '/api/v1/auth';

/** Roles, from least to most: advisors answer help, coordinators read the dashboard, admins both. */
export const ROLES = ['advisor', 'coordinator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Body of `POST /api/v1/auth/login`. */
export const loginInputSchema = z
  .object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
export type LoginInput = z.infer<typeof loginInputSchema>;

/** Who is logged in: the reply of `POST /login` and `GET /me`. */
export const meSchema = z
  .object({
    name: z.string(),
    role: roleSchema,
    /** Echo in `x-csrf-token` on POST/PUT/PATCH/DELETE. */
    csrfToken: z.string(),
  })
  .strict();
export type Me = z.infer<typeof meSchema>;
