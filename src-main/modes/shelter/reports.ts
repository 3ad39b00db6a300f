/**
 * What leaves the laptop in writing:
 * - the staff roster (名簿): every person who came, with state, household, needs and consent —
 *   CSV and an A4 PDF, for staff only (the screen asks the operator PIN first);
 * - the HQ export: one CSV line per stay for the disaster HQ's own systems. Names, readings,
 *   birth dates and addresses appear only for people who consented (安否情報 提供に同意); everyone
 *   else is a keyed reference, an age band, sex, needs and state, so the HQ can count and plan
 *   without a list of names that could leak. The columns are documented in the README.
 */
import { createHmac } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { reportFont, ReportWriter } from '../../forms/report-writer.ts';
import { csvDocument, toJstIso } from '../../util/csv-out.ts';
import { ageOn, todayInJapan } from '../../util/wareki.ts';
import { NEED_LABELS, type Need } from './events.ts';
import type { StayRow } from './queries.ts';
import { ageBandOf, type ShelterStats } from './stats.ts';

const STATE_JA = { here: '在所', out: '外出中', left: '退所' } as const;
const SEX_JA = { M: '男', F: '女' } as const;
const CONSENT_JA = { yes: '同意', no: '不同意' } as const;

const needsJa = (r: StayRow) =>
  (r.needs ? (JSON.parse(r.needs) as Need[]) : []).map((n) => NEED_LABELS[n]).join('・');
const minute = (ms: number) => toJstIso(ms).slice(0, 16).replace('T', ' ');

export interface ReportContext {
  shelterName: (id: string) => string;
  now: number;
}

export const ROSTER_COLUMNS = [
  '避難所',
  '状態',
  '氏名',
  'ふりがな',
  '生年月日',
  '年齢',
  '性別',
  '世帯',
  '住所',
  '配慮事項',
  'メモ',
  '安否情報の提供',
  '入所',
  '最終の動き',
  '退所先',
] as const;

export function rosterCsv(rows: StayRow[], ctx: ReportContext): string {
  const today = todayInJapan(new Date(ctx.now));
  return csvDocument(
    ROSTER_COLUMNS,
    rows.map((r) => [
      ctx.shelterName(r.shelterId),
      STATE_JA[r.state],
      r.name,
      r.kana,
      r.birthDate,
      r.birthDate ? ageOn(r.birthDate, today) : '',
      r.sex ? SEX_JA[r.sex] : '',
      r.householdId,
      r.address,
      needsJa(r),
      r.note,
      r.consent ? CONSENT_JA[r.consent] : '未確認',
      minute(r.firstArrived),
      minute(r.since),
      r.toPlace,
    ]),
  );
}

export async function rosterPdf(
  rows: StayRow[],
  stats: ShelterStats,
  ctx: ReportContext & { title: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await reportFont(doc, `shelter-roster/${ctx.title}`);
  doc.setTitle(`避難者名簿 ${ctx.title}`);
  doc.setCreator('kakanai');
  const w = new ReportWriter(doc, font);
  const today = todayInJapan(new Date(ctx.now));
  w.text(`避難者名簿\u3000${ctx.title}`, 16);
  w.text(`作成 ${minute(ctx.now)}\u3000※ 個人情報です。取扱いに注意してください。`, 9);
  const t = stats.totals;
  w.text(
    `在所 ${t.here}人・外出中 ${t.out}人・退所 ${t.left}人・世帯 ${t.households}` +
      (t.capacityUsedPct !== null ? `・収容 ${t.here + t.out}/${t.capacity}（${t.capacityUsedPct}%）` : ''),
    10,
  );
  w.table(
    [
      { title: '状態', width: 40, align: 'left' },
      { title: '氏名', width: 92, align: 'left' },
      { title: 'ふりがな', width: 92, align: 'left' },
      { title: '年齢', width: 30, align: 'right' },
      { title: '性別', width: 28, align: 'left' },
      { title: '世帯', width: 62, align: 'left' },
      { title: '配慮事項', width: 100, align: 'left' },
      { title: '安否', width: 40, align: 'left' },
    ],
    rows.map((r) => [
      STATE_JA[r.state] + (r.state === 'left' && r.toPlace ? `→${r.toPlace}` : ''),
      r.name,
      r.kana,
      r.birthDate ? String(ageOn(r.birthDate, today)) : '',
      r.sex ? SEX_JA[r.sex] : '',
      r.householdId,
      needsJa(r),
      r.consent ? CONSENT_JA[r.consent] : '未確認',
    ]),
    9,
  );
  return doc.save();
}

export const HQ_COLUMNS = [
  'shelter_id',
  'shelter_name',
  'person_ref',
  'household_ref',
  'state',
  'since',
  'first_arrived',
  'left_to',
  'age_band',
  'sex',
  'needs',
  'consent',
  'name',
  'kana',
  'birth_date',
  'address',
] as const;

/**
 * The HQ's CSV. `refKey` (a subkey of the group key) makes person and household references that
 * are stable across every laptop of the group but cannot be reversed from a name and birth date.
 */
export function hqCsv(rows: StayRow[], ctx: ReportContext & { refKey: Buffer }): string {
  const ref = (id: string) => createHmac('sha256', ctx.refKey).update(id).digest('hex').slice(0, 16);
  const today = todayInJapan(new Date(ctx.now));
  return csvDocument(
    HQ_COLUMNS,
    rows.map((r) => {
      const open = r.consent === 'yes';
      return [
        r.shelterId,
        ctx.shelterName(r.shelterId),
        ref(r.personId),
        r.householdId ? ref(r.householdId) : '',
        r.state,
        toJstIso(r.since),
        toJstIso(r.firstArrived),
        open ? r.toPlace : '',
        r.birthDate ? ageBandOf(ageOn(r.birthDate, today)) : '',
        r.sex ?? '',
        (r.needs ? (JSON.parse(r.needs) as string[]) : []).join(' '),
        r.consent ?? 'not-asked',
        open ? r.name : '',
        open ? r.kana : '',
        open ? r.birthDate : '',
        open ? r.address : '',
      ];
    }),
  );
}
