import { SP_API_OPERATIONS, type OperationName } from '../lib/fba/sp-api/models/operations';

interface Route {
  operation: OperationName;
  method: string;
  pattern: RegExp;
  names: string[];
  literalWeight: number;
}

// Literal segments win over placeholders (…/fulfillmentOrders/preview before …/{id}).
const ROUTES: Route[] = (Object.entries(SP_API_OPERATIONS) as [OperationName, (typeof SP_API_OPERATIONS)[OperationName]][])
  .map(([operation, spec]) => {
    const names: string[] = [];
    const source = spec.path
      .split('/')
      .map((segment) => {
        const match = /^\{(\w+)\}$/.exec(segment);
        if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(match[1]);
        return '([^/]+)';
      })
      .join('/');
    return { operation, method: spec.method, pattern: new RegExp(`^${source}$`), names, literalWeight: spec.path.split('/').length - names.length };
  })
  .sort((a, b) => a.names.length - b.names.length || b.literalWeight - a.literalWeight);

export type RouteMatch = { operation: OperationName; params: Record<string, string> } | { methodNotAllowed: true } | null;

export function matchOperation(method: string, pathname: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    return { operation: route.operation, params };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}
