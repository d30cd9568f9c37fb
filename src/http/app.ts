/**
 * The HTTP API. Routes validate with one schema each (the same schemas produce the
 * OpenAPI document), call one service function and map the result.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../store/db.ts';
import { SiyuError } from '../shared/errors.ts';
import { errorResponse } from './errors.ts';
import { healthRoutes } from './health.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { journeyRoutes } from './journeys.routes.ts';
import { modelRoutes } from './models.routes.ts';
import { clvRoutes } from './clv.routes.ts';
import { audienceRoutes } from './audiences.routes.ts';
import { sopRoutes } from './sop.routes.ts';
import { automationRoutes } from './automation.routes.ts';
import { API_SECURITY, installAuth } from './principal.ts';
import { authRoutes } from './auth.routes.ts';
import { userRoutes } from './users.routes.ts';
import { shopRoutes } from './shop.routes.ts';
import { wecomRoutes } from './wecom.routes.ts';
import { outreachRoutes } from './outreach.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { mountConsole } from './console.ts';
import { mountDocs } from './docs.ts';
import { bodyLimits, jsonBodies, securityHeaders, storableParams } from './edge.ts';

export interface AppDeps {
  db: Db;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Reverse proxies whose X-Forwarded-For is believed (CIDR list; default SIYU_TRUSTED_PROXIES). */
  trustedProxies?: string;
}

export type Api = OpenAPIHono;

export function newRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return c.json({
          code: 'validation_failed',
          message: issues.map((i) => `${i.path || 'request'}: ${i.message}`).join('; '),
          details: issues,
        }, 422);
      }
      return undefined;
    },
  });
}

export function createApp(deps: AppDeps): OpenAPIHono {
  const app = newRouter();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, new SiyuError('not_found', `no route for ${c.req.method} ${c.req.path}`)));
  app.use('*', securityHeaders(), bodyLimits(), storableParams(), jsonBodies());
  installAuth(app, deps);
  app.route('/', healthRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', customerRoutes(deps));
  app.route('/', tagRoutes(deps));
  app.route('/', journeyRoutes(deps));
  app.route('/', modelRoutes(deps));
  app.route('/', clvRoutes(deps));
  app.route('/', audienceRoutes(deps));
  app.route('/', sopRoutes(deps));
  app.route('/', automationRoutes(deps));
  app.route('/', shopRoutes(deps));
  app.route('/', wecomRoutes(deps));
  app.route('/', outreachRoutes(deps));
  app.route('/', settingsRoutes(deps));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    security: API_SECURITY,
    info: {
      title: 'Siyu (私域) API',
      version: '1',
      description: 'Private-domain customer operations engine: events in, customers, tags and segments out.',
    },
  });
  mountDocs(app);
  mountConsole(app);
  return app;
}
