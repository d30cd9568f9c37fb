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
import { audienceRoutes } from './audiences.routes.ts';
import { sopRoutes } from './sop.routes.ts';
import { automationRoutes } from './automation.routes.ts';
import { API_SECURITY, installAuth } from './principal.ts';
import { authRoutes } from './auth.routes.ts';
import { userRoutes } from './users.routes.ts';
import { shopRoutes } from './shop.routes.ts';
import { wecomRoutes } from './wecom.routes.ts';
import { outreachRoutes } from './outreach.routes.ts';
import { importRoutes } from './imports.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { mountConsole } from './console.ts';

export interface AppDeps {
  db: Db;
  /** Clock, injectable for tests. */
  now?: () => number;
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
  installAuth(app, deps);
  app.route('/', healthRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', customerRoutes(deps));
  app.route('/', tagRoutes(deps));
  app.route('/', journeyRoutes(deps));
  app.route('/', modelRoutes(deps));
  app.route('/', audienceRoutes(deps));
  app.route('/', sopRoutes(deps));
  app.route('/', automationRoutes(deps));
  app.route('/', shopRoutes(deps));
  app.route('/', wecomRoutes(deps));
  app.route('/', outreachRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    security: API_SECURITY,
    info: {
      title: 'Siyu (私域) API',
      version: '1',
      description: 'Private-domain customer operations engine: events in, customers, tags and segments out.',
    },
  });
  mountConsole(app);
  return app;
}
