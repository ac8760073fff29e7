// A record's facts as a definition list: one term and its value, or its
// values as a list (nothing when there are none).
import type { ReactNode } from 'react';

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ListFact({ label, items }: { label: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Fact label={label}>
      <ul className="plain-list">
        {items.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </Fact>
  );
}
