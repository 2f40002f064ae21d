import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { countAdminUsers, ensureAdminUser } from '#auth';
import type { AppConfig } from '#config';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';
import { AdminGuard } from './admin.guard.js';
import { AuthController } from './auth.controller.js';

/**
 * Admin sessions for the whole app: the login routes, the global AdminGuard,
 * and the first admin from ADMIN_EMAIL/ADMIN_PASSWORD.
 */
@Module({ controllers: [AuthController], providers: [{ provide: APP_GUARD, useClass: AdminGuard }] })
export class AuthModule implements OnModuleInit {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.WEBHOOK_SECRET) {
      this.logger.warn(
        'WEBHOOK_SECRET is unset: article deliveries are checked against the public development secret, so anyone can sign one. ' +
          'Set WEBHOOK_SECRET (whsec_…) before this api takes real traffic (NODE_ENV=production refuses to start without it).',
      );
    }
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      if ((await countAdminUsers(this.database.db)) === 0)
        this.logger.warn(
          'no admin exists and ADMIN_EMAIL/ADMIN_PASSWORD are unset: nobody can log in to the admin API',
        );
      return;
    }
    const { user, created } = await ensureAdminUser(this.database.db, email, password);
    if (created) this.logger.log(`created admin ${user.email} from ADMIN_EMAIL`);
    else
      this.logger.log(
        `admin ${user.email} exists; ADMIN_PASSWORD was not applied (an existing password is never overwritten)`,
      );
  }
}
