// The field types the registers share: bounded trimmed text, and instants written as ISO 8601 with a zone.
import { z } from 'zod';

/** Trimmed text of 1 to `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * An instant as ISO 8601 with its offset (`2026-11-23T10:00:00Z`), read as a Date: never a local time guessed. A Date
 * is taken as it is, so what a route's schema already read is read again unchanged.
 */
export const instant = () => z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
