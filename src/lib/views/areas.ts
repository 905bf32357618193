/**
 * The shape of an area in the app's area lists (the parameters bar, each view cell). The areas
 * themselves come from the view environment (./context.ts), read once per change of tables;
 * England's code and the comparator kinds are domain vocabulary (src/lib/domain/areas.ts).
 */
export { ENGLAND, COMPARATOR_LABELS, type ComparatorKind } from '../domain/areas';

export interface AreaOption {
  code: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
}
