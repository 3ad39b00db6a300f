/**
 * A drawing of the front of a My Number Card (a sample, not anyone's data) that shows where the
 * parts of 照合番号B are printed: ① the birth date, ② the card's expiry date, ③ the 4-digit security
 * code under the photo. The part being asked for is outlined; the others are numbered.
 */
import { useTranslation } from 'react-i18next';

export type CardPart = 'birth' | 'expiry' | 'code';

const PARTS: Record<CardPart, { x: number; y: number; w: number; h: number; n: string }> = {
  birth: { x: 30, y: 268, w: 330, h: 50, n: '1' },
  expiry: { x: 30, y: 338, w: 370, h: 50, n: '2' },
  code: { x: 640, y: 440, w: 150, h: 56, n: '3' },
};

export function CardFront(props: { highlight: CardPart | null }) {
  const { t } = useTranslation();
  const hi = props.highlight;
  return (
    <svg
      className="card-svg"
      viewBox="0 0 856 540"
      role="img"
      aria-label={t('cardFront.description')}
      lang="ja"
    >
      <defs>
        <linearGradient id="cardBg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#fdf3f6" />
          <stop offset="1" stopColor="#eaf3fb" />
        </linearGradient>
      </defs>
      <rect x="4" y="4" width="848" height="532" rx="34" fill="url(#cardBg)" stroke="#555" strokeWidth="4" />
      <text x="30" y="62" fontSize="22" fill="#333">
        氏名
      </text>
      <text x="100" y="64" fontSize="36" fill="#111">
        {'番号\u3000花子'}
      </text>
      <text x="30" y="128" fontSize="22" fill="#333">
        住所
      </text>
      <text x="100" y="130" fontSize="28" fill="#111">
        ○○県○○市○○町一丁目２番３号
      </text>
      <text x="30" y="220" fontSize="22" fill="#333">
        性別 女
      </text>
      <text x="40" y="304" fontSize="30" fill="#111">
        平成元年 3月 1日生
      </text>
      <rect x="36" y="344" width="358" height="40" rx="6" fill="#d7e8f7" />
      <text x="46" y="374" fontSize="28" fill="#0b2e55">
        2034年 3月 1日まで有効
      </text>
      <text x="30" y="500" fontSize="34" fill="#7a1f3d" fontWeight="700">
        個人番号カード
      </text>
      {/* Photo */}
      <rect x="620" y="150" width="190" height="260" fill="#e3e3e3" stroke="#888" strokeWidth="2" />
      <circle cx="715" cy="245" r="52" fill="#bdbdbd" />
      <path d="M640 410 C 650 330, 780 330, 790 410 Z" fill="#bdbdbd" />
      <text x="672" y="482" fontSize="34" fill="#111" fontFamily="monospace">
        1234
      </text>
      <text x="428" y="300" fontSize="64" fill="#c2185b" opacity="0.22" transform="rotate(-18 428 300)">
        見本 SAMPLE
      </text>
      {(Object.keys(PARTS) as CardPart[]).map((p) => {
        const r = PARTS[p];
        const active = hi === p;
        return (
          <g key={p}>
            <rect
              x={r.x}
              y={r.y}
              width={r.w}
              height={r.h}
              rx="10"
              fill="none"
              stroke={active ? '#d9480f' : '#1c5fa8'}
              strokeWidth={active ? 8 : 3}
              strokeDasharray={active ? undefined : '10 8'}
            />
            <circle
              cx={r.x + r.w + (p === 'code' ? -r.w - 26 : 26)}
              cy={r.y + r.h / 2}
              r="22"
              fill={active ? '#d9480f' : '#1c5fa8'}
            />
            <text
              x={r.x + r.w + (p === 'code' ? -r.w - 26 : 26)}
              y={r.y + r.h / 2 + 10}
              fontSize="28"
              fill="#fff"
              textAnchor="middle"
              fontWeight="700"
            >
              {r.n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
