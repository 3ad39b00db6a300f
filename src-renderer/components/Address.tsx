/**
 * An address as text that wraps between words but never inside a number: 「旭町二丁目30-4」 may
 * break before 30-4, not between 30 and 4 (a poll worker read 「…30 / 4」 as two numbers).
 */
const NUMBER_RUN = /([0-9０-９]+(?:[-－‐ー−/／の][0-9０-９]+)*)/;

/** The address cut into text and number runs (`number: true` never wraps inside). */
export function addressParts(text: string): Array<{ text: string; number: boolean }> {
  return text
    .split(NUMBER_RUN)
    .map((part, i) => ({ text: part, number: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

export function Address(props: { text: string }) {
  return (
    <>
      {addressParts(props.text).map((p, i) =>
        p.number ? (
          <span key={i} className="nowrap">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
