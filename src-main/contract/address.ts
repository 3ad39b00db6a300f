/**
 * Addresses without writing: postal code → places, and the lists a resident walks without one
 * (prefecture → city → town). Public data (Japan Post's), so no visit key.
 */
import { z } from 'zod';
import { call, empty } from './call.ts';

export const postalPlaceSchema = z.object({
  postalCode: z.string().regex(/^\d{7}$/),
  prefecture: z.string(),
  city: z.string(),
  /** 全国地方公共団体コード without its check digit (5 digits). */
  cityCode: z.string().regex(/^\d{5}$/),
  /** 町域; '' for the code that covers the rest of the city (「以下に掲載がない場合」). */
  town: z.string(),
});
export type PostalPlace = z.infer<typeof postalPlaceSchema>;

export const citySchema = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string(),
  prefCode: z.string().regex(/^\d{2}$/),
});

export const ADDRESS_CALLS = {
  'address.lookup': call(
    "The places a 7-digit postal code stands for (the terminal's own city first); [] when unknown.",
    z.object({ postalCode: z.string().regex(/^\d{7}$/, 'a postal code has 7 digits') }).strict(),
    z.object({ places: z.array(postalPlaceSchema) }),
  ),
  'address.prefectures': call(
    'The 47 prefectures, in JIS order.',
    empty,
    z.object({ prefectures: z.array(z.object({ code: z.string(), name: z.string() })) }),
  ),
  'address.cities': call(
    'The cities (and wards) of a prefecture.',
    z.object({ prefCode: z.string().regex(/^\d{2}$/) }).strict(),
    z.object({ cities: z.array(citySchema) }),
  ),
  'address.towns': call(
    "The towns of a city with their postal codes; without cityCode, the terminal's own municipality.",
    z
      .object({
        cityCode: z
          .string()
          .regex(/^\d{5}$/)
          .optional(),
      })
      .strict(),
    z.object({ city: citySchema.nullable(), towns: z.array(postalPlaceSchema) }),
  ),
} as const;
