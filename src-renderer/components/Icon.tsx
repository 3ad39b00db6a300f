/**
 * Simple line icons drawn here (no emoji font is guaranteed on a municipal PC). Decorative: the
 * text next to them says the same thing.
 */
const PATHS: Record<string, string> = {
  // house with an arrow: moving
  moving: 'M6 30 L24 14 L42 30 M11 26 V42 H37 V26 M20 42 V32 H28 V42 M30 8 H44 M38 3 L44 8 L38 13',
  // baby bottle / baby: birth
  birth: 'M18 14 A6 6 0 1 1 30 14 A6 6 0 1 1 18 14 M14 40 C14 26 34 26 34 40 Z M18 22 L12 18 M30 22 L36 18',
  // flower: bereavement
  death:
    'M19 27 A5 5 0 1 1 29 27 A5 5 0 1 1 19 27 M19 17 A5 5 0 1 1 29 17 A5 5 0 1 1 19 17 M9 27 A5 5 0 1 1 19 27 A5 5 0 1 1 9 27 M29 27 A5 5 0 1 1 39 27 A5 5 0 1 1 29 27 M24 27 V44 M24 36 C18 34 16 30 16 30',
  // two rings: marriage
  marriage: 'M8 30 A10 10 0 1 1 28 30 A10 10 0 1 1 8 30 M20 30 A10 10 0 1 1 40 30 A10 10 0 1 1 20 30',
  // two separate circles: divorce
  divorce: 'M4 28 A8 8 0 1 1 20 28 A8 8 0 1 1 4 28 M28 28 A8 8 0 1 1 44 28 A8 8 0 1 1 28 28 M24 8 V40',
  // document: certificate
  certificate: 'M12 4 H30 L38 12 V44 H12 Z M30 4 V12 H38 M17 20 H33 M17 27 H33 M17 34 H27',
  // seal / stamp
  seal: 'M18 6 H30 V20 H18 Z M14 20 H34 V30 H14 Z M10 38 H38 M10 44 H38',
  // child: childcare
  childcare: 'M18 12 A6 6 0 1 1 30 12 A6 6 0 1 1 18 12 M16 20 H32 L30 34 H18 Z M20 34 L18 44 M28 34 L30 44',
  // helping hand / care
  care: 'M19 17 A5 5 0 1 1 29 17 A5 5 0 1 1 19 17 M16 20 H28 L30 32 H20 M20 32 L16 44 M30 32 L34 44 M6 34 H16',
  // house with a crack: disaster
  disaster: 'M6 26 L24 10 L42 26 M11 22 V42 H37 V22 M24 10 L21 20 L27 26 L22 34 L25 42',
  // coin with ¥: tax refund
  tax: 'M4 24 A20 20 0 1 1 44 24 A20 20 0 1 1 4 24 M17 13 L24 23 L31 13 M24 23 V36 M18 25 H30 M18 30 H30',
  other: 'M16 16 C16 8 32 8 32 16 C32 22 24 22 24 30 M24 38 V40',
  globe:
    'M4 24 A20 20 0 1 1 44 24 A20 20 0 1 1 4 24 M4 24 H44 M24 4 C12 16 12 32 24 44 M24 4 C36 16 36 32 24 44',
  card: 'M4 12 H44 V38 H4 Z M4 19 H44 M10 30 H22',
  printer: 'M12 18 V6 H36 V18 M8 18 H40 V34 H8 Z M14 28 H34 V44 H14 Z',
  // Drawn, not typed: ⌫ ✔ ✘ are in none of the bundled fonts.
  backspace: 'M16 10 H42 V38 H16 L4 24 Z M22 18 L34 30 M34 18 L22 30',
  tick: 'M8 26 L20 38 L40 12',
  cross: 'M12 12 L36 36 M36 12 L12 36',
};

export function Icon(props: { name: string; size?: string }) {
  const d = PATHS[props.name] ?? PATHS.other!;
  return (
    <svg
      viewBox="0 0 48 48"
      width={props.size ?? '2.2rem'}
      height={props.size ?? '2.2rem'}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

/** The icon for a life event id when the data names none. */
export function lifeEventIcon(id: string, icon?: string): string {
  if (icon && PATHS[icon]) return icon;
  const known = Object.keys(PATHS).find((k) => id.toLowerCase().includes(k));
  if (known) return known;
  if (/move|tennyu|tenshutsu|tenkyo|hikkoshi/.test(id)) return 'moving';
  if (/shussei|birth/.test(id)) return 'birth';
  if (/shibou|okuyami/.test(id)) return 'death';
  if (/rikon/.test(id)) return 'divorce';
  if (/kon|marri/.test(id)) return 'marriage';
  if (/shomei|cert/.test(id)) return 'certificate';
  if (/inkan|seal/.test(id)) return 'seal';
  if (/kosodate|child/.test(id)) return 'childcare';
  if (/kaigo|care/.test(id)) return 'care';
  if (/saigai|risai|disaster/.test(id)) return 'disaster';
  if (/zei|tax|kanpu|refund/.test(id)) return 'tax';
  return 'other';
}
