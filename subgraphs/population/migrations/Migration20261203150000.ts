import { Migration } from '@mikro-orm/migrations';

/** Resident.unemploymentInsurance (失业保险), beside health and pension insurance. */
export class Migration20261203150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "resident" add column "unemployment_insurance" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "resident" drop column "unemployment_insurance";`);
  }
}
