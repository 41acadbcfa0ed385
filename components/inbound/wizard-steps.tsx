import { WIZARD_STEPS, type InboundStep as Step } from '@/lib/inbound/inbound-status';

const LABELS: Record<Step, string> = {
  items: 'Goods',
  packing: 'Packing',
  boxes: 'Box contents',
  placement: 'Placement',
  transport: 'Transportation',
  delivery: 'Delivery window',
  review: 'Confirm',
  done: 'Confirmed',
};

/** The wizard's steps as an ordered list: done ones ticked, the current one marked for screen readers. */
export function WizardSteps({ current, skipDelivery = false }: { current: Step; skipDelivery?: boolean }) {
  const steps = WIZARD_STEPS.filter((s) => !(skipDelivery && s === 'delivery'));
  const at = steps.indexOf(current);
  return (
    <ol aria-label="Inbound shipment steps" className="mb-4 flex flex-wrap gap-x-1 gap-y-2 text-sm">
      {steps.map((s, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'upcoming';
        return (
          <li
            key={s}
            aria-current={state === 'current' ? 'step' : undefined}
            className={`flex items-center gap-1 rounded-full border px-3 py-1 ${state === 'current' ? 'border-indigo-500 bg-indigo-50 font-semibold text-indigo-800' : state === 'done' ? 'border-emerald-300 bg-emerald-50 text-emerald-800' : 'border-slate-200 bg-white text-slate-500'}`}
          >
            <span aria-hidden>{state === 'done' ? '✓' : i + 1}</span>
            {LABELS[s]}
            {state === 'done' && <span className="sr-only"> (done)</span>}
          </li>
        );
      })}
    </ol>
  );
}
