/**
 * Predicted value over HTTP: the kept fits, the distribution and the ranked predictions
 * within the caller's scope, and one customer's prediction (staff: only their customers).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { clvDistribution, getCustomerClv, listClvFits, listClvPredictions } from '../models/index.ts';
import { visibleCustomerId } from '../customers/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { scopeOf, workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, ok, workspaceQuery } from './errors.ts';

const fit = z.object({
  fitId: z.number(), runId: z.number().nullable().openapi({ description: 'the recompute run that made this fit' }),
  calibrationEnd: z.string().openapi({ example: '2026-11-30' }), unit: z.enum(['day', 'week']),
  bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLikelihood: z.number() }).nullable()
    .openapi({ description: 'BG/NBD (repeat purchases, P(alive)); null when no customer had a paid order' }),
  gammaGamma: z.object({ p: z.number(), q: z.number(), v: z.number().openapi({ description: 'yuan' }), logLikelihood: z.number() }).nullable()
    .openapi({ description: 'Gamma-Gamma (spend per transaction); null without a repeat customer who spent' }),
  customers: z.number().nullable().openapi({ description: 'customers fitted (null for staff: a workspace-wide figure)' }),
  repeatCustomers: z.number().nullable(),
  seconds: z.number(), horizon: z.number().openapi({ description: 'the stored predictions\' horizon, in the fit\'s unit' }),
  monthlyDiscount: z.number(), fittedAt: z.string(),
}).openapi('ClvFit');

const prediction = z.object({
  x: z.number().openapi({ description: 'repeat transactions (order days after the first) up to the calibration end' }),
  tx: z.number().openapi({ description: 'time from the first to the last transaction, in the unit' }),
  T: z.number().openapi({ description: 'time from the first transaction to the calibration end, in the unit' }),
  unit: z.enum(['day', 'week']), calibrationEnd: z.string(), horizon: z.number(), horizonMonths: z.number(), monthlyDiscount: z.number(),
  meanSpend: z.number().openapi({ description: 'mean spend of the repeat transactions, yuan' }),
  pAlive: z.number().openapi({ description: 'probability the customer is still buying, 0–1' }),
  expectedPurchases: z.number().openapi({ description: 'expected transactions over the horizon' }),
  expectedSpend: z.number().openapi({ description: 'expected spend per transaction, yuan' }),
  clv: z.number().openapi({ description: 'predicted value over the horizon, discounted monthly, yuan' }),
}).openapi('CustomerClv');

const idParams = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });

const routes = {
  fits: createRoute({
    method: 'get', path: '/api/v1/clv/fits', summary: 'The predicted-value fits kept by each recompute, newest first: parameters and log-likelihoods',
    request: { query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(200).optional() }) },
    responses: { 200: ok('Fits', z.array(fit)), ...errorResponses },
  }),
  distribution: createRoute({
    method: 'get', path: '/api/v1/clv/distribution',
    summary: 'How predicted value and P(alive) spread over the caller\'s customers (staff: their own), from the latest fit',
    request: { query: workspaceQuery },
    responses: {
      200: ok('Bands', z.object({
        customers: z.number(), totalClv: z.number(), meanPAlive: z.number().nullable(),
        clv: z.array(z.object({ from: z.number(), to: z.number().nullable(), customers: z.number() })).openapi({ description: 'CLV bands, yuan, [from, to)' }),
        pAlive: z.array(z.object({ from: z.number(), to: z.number(), customers: z.number() })),
        fit: fit.nullable(),
      }).openapi('ClvDistribution')),
      ...errorResponses,
    },
  }),
  predictions: createRoute({
    method: 'get', path: '/api/v1/clv/predictions',
    summary: 'Customers by predicted value (or by value at stake, CLV × (1 − P(alive))), within the caller\'s scope',
    request: {
      query: workspaceQuery.extend({
        sort: z.enum(['clv', 'atStake']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
      }),
    },
    responses: {
      200: ok('A page of predictions', z.object({
        total: z.number(),
        items: z.array(z.object({
          customerId: z.number(), name: z.string().nullable(), x: z.number(), pAlive: z.number(), expectedPurchases: z.number(), expectedSpend: z.number(), clv: z.number(),
        })),
      }).openapi('ClvPredictionPage')),
      ...errorResponses,
    },
  }),
  customer: createRoute({
    method: 'get', path: '/api/v1/customers/{id}/clv',
    summary: 'One customer\'s predicted value: P(alive), expected purchases, expected spend and CLV (null before a fit or without a paid order)',
    request: { params: idParams, query: workspaceQuery },
    responses: { 200: ok('The prediction', z.object({ prediction: prediction.nullable() })), ...errorResponses },
  }),
};

export function clvRoutes({ db }: AppDeps) {
  const router = newRouter();
  router.openapi(routes.fits, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    const all = scopeOf(c).kind === 'all';
    const fits = await listClvFits(db, ws.workspaceId, c.req.valid('query').limit ?? 20);
    return c.json(fits.map((f) => ({ ...f, customers: all ? f.customers : null, repeatCustomers: all ? f.repeatCustomers : null })), 200);
  });
  router.openapi(routes.distribution, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    const scope = scopeOf(c);
    const d = await clvDistribution(db, ws.workspaceId, scope);
    const f = d.fit && (scope.kind === 'all' ? d.fit : { ...d.fit, customers: null, repeatCustomers: null });
    return c.json({ ...d, fit: f }, 200);
  });
  router.openapi(routes.predictions, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    const q = c.req.valid('query');
    return c.json(await listClvPredictions(db, ws.workspaceId, { scope: scopeOf(c), limit: q.limit ?? 50, offset: q.offset ?? 0, sort: q.sort ?? 'clv' }), 200);
  });
  router.openapi(routes.customer, async (c) => {
    const ws = await requireWorkspace(db, workspaceOf(c));
    const id = await visibleCustomerId(db, ws.workspaceId, c.req.valid('param').id, scopeOf(c));
    return c.json({ prediction: await getCustomerClv(db, ws.workspaceId, id) }, 200);
  });
  return router;
}
