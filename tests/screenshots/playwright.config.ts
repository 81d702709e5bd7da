import { defineConfig } from '@playwright/test';
import base from '../playwright.config.ts';

/**
 * `npm run screenshots`: renders every shell screen to PNG under screenshots/ for a human to look
 * at (normal, 200 % text, high contrast, Arabic). Not part of `npm test`: pictures need eyes.
 */
export default defineConfig({ ...base, testDir: '.', timeout: 180_000 });
