/**
 * The month's settlement on paper and for spreadsheets: one CSV (a line per operator and day,
 * then each operator's total and the city's), and an A4 PDF with one statement per operator
 * (totals, a line per day, its flagged rides) and the city's summary page. Rides are named by
 * their id and card serial: no names exist to print.
 */
import { PDFDocument } from 'pdf-lib';
import { reportFont, ReportWriter, type Column } from '../../forms/report-writer.ts';
import { csvDocument, toJstIso } from '../../util/csv-out.ts';
import type { FlagKind, Settlement } from './settlement.ts';

const FLAG_JA: Record<FlagKind, string> = {
  TWO_VEHICLES: '別車両で近接',
  AFTER_BLOCK: '停止後の乗車',
  OVER_CAP: '上限超過',
  REPEAT: '1分以内の再乗車',
};

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
const minute = (ms: number) => toJstIso(ms).slice(0, 16).replace('T', ' ');

export const SETTLEMENT_COLUMNS = [
  'month',
  'operator_id',
  'operator_name',
  'day',
  'rides',
  'fare_yen',
  'subsidy_yen',
  'paid_by_passenger_yen',
  'flagged_rides',
  'flagged_subsidy_yen',
] as const;

export function settlementCsv(s: Settlement): string {
  const rows: Array<Array<string | number>> = [];
  for (const st of s.statements) {
    for (const d of st.days)
      rows.push([
        s.month,
        st.operatorId,
        st.operatorName,
        d.day,
        d.rides,
        d.fareYen,
        d.subsidyYen,
        d.fareYen - d.subsidyYen,
        '',
        '',
      ]);
    rows.push([
      s.month,
      st.operatorId,
      st.operatorName,
      'total',
      st.rides,
      st.fareYen,
      st.subsidyYen,
      st.paidYen,
      st.flaggedRides,
      st.flaggedSubsidyYen,
    ]);
  }
  rows.push([
    s.month,
    'city',
    '',
    'total',
    s.city.rides,
    s.city.fareYen,
    s.city.subsidyYen,
    s.city.fareYen - s.city.subsidyYen,
    s.city.flaggedRides,
    '',
  ]);
  return csvDocument(SETTLEMENT_COLUMNS, rows);
}

const DAY_COLUMNS: Column[] = [
  { title: '日付', width: 110, align: 'left' },
  { title: '乗車回数', width: 80, align: 'right' },
  { title: '運賃', width: 110, align: 'right' },
  { title: '補助額', width: 100, align: 'right' },
  { title: '利用者負担', width: 99, align: 'right' },
];

const FLAG_COLUMNS: Column[] = [
  { title: '確認事項', width: 100, align: 'left' },
  { title: '日時', width: 96, align: 'left' },
  { title: '車両', width: 60, align: 'left' },
  { title: 'カード', width: 80, align: 'left' },
  { title: '運賃', width: 64, align: 'right' },
  { title: '補助額', width: 99, align: 'right' },
];

export async function settlementPdf(s: Settlement, programName: string, now: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await reportFont(doc, `fare-settlement/${s.programId}/${s.month}`);
  doc.setTitle(`運賃補助 精算書 ${s.month}`);
  doc.setCreator('kakanai');
  const w = new ReportWriter(doc, font);
  const [y, m] = s.month.split('-');
  const title = `${y}年${Number(m)}月分`;
  w.text(`運賃補助 精算 集計表（市）\u3000${title}`, 16);
  w.text(`${programName}\u3000作成 ${minute(now)}`, 9);
  w.text(
    `乗車 ${s.city.rides}回・利用者 ${s.city.holders}人・運賃 ${yen(s.city.fareYen)}・補助額 ${yen(s.city.subsidyYen)}・確認事項 ${s.city.flaggedRides}件`,
    10,
  );
  w.table(
    [
      { title: '事業者', width: 170, align: 'left' },
      { title: '乗車回数', width: 70, align: 'right' },
      { title: '運賃', width: 90, align: 'right' },
      { title: '補助額', width: 90, align: 'right' },
      { title: '確認事項', width: 79, align: 'right' },
    ],
    s.statements.map((st) => [
      st.operatorName,
      String(st.rides),
      yen(st.fareYen),
      yen(st.subsidyYen),
      `${st.flaggedRides}件`,
    ]),
  );
  for (const st of s.statements) {
    w.newPage();
    w.text(`運賃補助 精算書\u3000${title}`, 16);
    w.text(`${st.operatorName}（${st.operatorId}）\u3000${programName}`, 11);
    w.text(
      `乗車 ${st.rides}回・運賃 ${yen(st.fareYen)}・補助額（請求額） ${yen(st.subsidyYen)}・利用者負担 ${yen(st.paidYen)}`,
      10,
    );
    if (st.flaggedRides > 0)
      w.text(
        `うち確認事項のある乗車 ${st.flaggedRides}回（補助額 ${yen(st.flaggedSubsidyYen)}）：市が確認します`,
        10,
      );
    w.table(
      DAY_COLUMNS,
      st.days.map((d) => [
        d.day,
        String(d.rides),
        yen(d.fareYen),
        yen(d.subsidyYen),
        yen(d.fareYen - d.subsidyYen),
      ]),
    );
    const flags = s.flags.filter((f) => f.operatorId === st.operatorId);
    if (flags.length > 0) {
      w.text('確認事項', 11);
      w.table(
        FLAG_COLUMNS,
        flags.map((f) => [
          FLAG_JA[f.kind],
          minute(f.at),
          f.vehicle,
          f.serial,
          yen(f.fareYen),
          yen(f.subsidyYen),
        ]),
        9,
      );
    }
  }
  return doc.save();
}
