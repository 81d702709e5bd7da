/**
 * Central's login API (`/api/v1/auth/*`) for the advisor console and the usage dashboard: people
 * log in with a name and password, get an HttpOnly session cookie, and echo the CSRF token from
 * the reply in `x-csrf-token` on every state-changing request. Stations never log in; they use a
 * Bearer token.
 */
import { z } from 'zod';
import { siteKindSchema } from './dashboard.ts';

/** Where the auth routes live. */
export const AUTH_API_PREFIX = '/api/v1/auth';

/**
 * Roles: advisors answer help, coordinators read the dashboard, IT staff (`it`) run the fleet
 * (station health, remote config and actions, issue 13); e-service owners (`service-owner`) read
 * the service report for their own services only (issue 14); admins may do everything.
 */
export const ROLES = ['advisor', 'coordinator', 'admin', 'it', 'service-owner'] as const;
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
    /** First name only: what stations show the visitor and other advisors see. */
    displayName: z.string(),
    role: roleSchema,
    /** Echo in `x-csrf-token` on POST/PUT/PATCH/DELETE. */
    csrfToken: z.string(),
  })
  .strict();
export type Me = z.infer<typeof meSchema>;

/**
 * Reply of `GET /api/v1/auth/session`: who is logged in, or null. The staff apps ask this at start,
 * where "nobody yet" is the normal answer, not a 401 that the browser logs as an error.
 */
export const sessionReplySchema = z.object({ me: meSchema.nullable() }).strict();
export type SessionReply = z.infer<typeof sessionReplySchema>;

/** Reply of `POST /api/v1/auth/logout-everywhere` and the admin's `POST /users/:name/logout`. */
export const sessionsEndedSchema = z.object({ ended: z.number().int().min(0) }).strict();

/** Where the admin API lives (admin role only; cookie + CSRF like every other staff route). */
export const ADMIN_API_PREFIX = '/api/v1/admin';

/** A user as an admin sees it: never a password hash or a session. */
export const userListingSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    role: roleSchema,
    createdAt: z.number(),
    /** Epoch ms when disabled; null while the user may log in. */
    disabledAt: z.number().nullable(),
    activeSessions: z.number().int(),
  })
  .strict();
export type UserListing = z.infer<typeof userListingSchema>;
export const userListSchema = z.object({ users: z.array(userListingSchema) }).strict();

/** `:name` of the admin's user routes. */
export const userNameParamsSchema = z.object({ name: z.string().min(1).max(64) }).strict();
/** Body of `PUT /api/v1/admin/users/:name/password`: every session of the user ends. */
export const passwordChangeInputSchema = z.object({ password: z.string().min(10).max(200) }).strict();

/** A station as an admin sees it: never its token. */
export const stationListingSchema = z
  .object({
    id: z.string(),
    location: z.string(),
    siteKind: siteKindSchema,
    createdAt: z.number(),
    revokedAt: z.number().nullable(),
  })
  .strict();
export const stationListSchema = z.object({ stations: z.array(stationListingSchema) }).strict();
/** `:id` of the admin's station routes. */
export const stationIdParamsSchema = z.object({ id: z.string().min(1).max(64) }).strict();
/** Reply of `POST /api/v1/admin/stations/:id/rotate`: the new token, shown this once. */
export const stationTokenSchema = z.object({ id: z.string(), token: z.string() }).strict();
