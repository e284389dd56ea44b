import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
let t = performance.now();
const db = await PGlite.create({ postgresqlconf: ['max_prepared_transactions=10'] });
console.log('create', (performance.now()-t).toFixed(0));
await db.exec(`create table accounts(id text primary key, balance int not null check (balance>=0)); insert into accounts values ('alice',100);`);
t = performance.now();
const dump = await db.dumpDataDir('gzip'); console.log('dump gzip', (performance.now()-t).toFixed(0), dump.size);
t = performance.now();
const dump2 = await db.dumpDataDir('none'); console.log('dump none', (performance.now()-t).toFixed(0), dump2.size);
await db.exec(`begin; update accounts set balance = balance - 30 where id='alice'; prepare transaction 't1';`);
console.log(await db.query(`select gid, prepared from pg_prepared_xacts`));
try { await db.query(`select * from accounts where id='alice' for update nowait`); } catch (e) { console.log('ERR', e.constructor.name, e.code, e.position, e.message, Object.keys(e)); }
try { await db.query(`selec 1`); } catch (e) { console.log('ERR', e.code, e.position, e.message); }
t = performance.now();
const dump3 = await db.dumpDataDir('gzip'); console.log('dump w/ prepared', (performance.now()-t).toFixed(0));
t = performance.now();
const db2 = await PGlite.create({ loadDataDir: dump3, postgresqlconf: ['max_prepared_transactions=10'] });
console.log('from snapshot', (performance.now()-t).toFixed(0));
console.log((await db2.query(`select gid from pg_prepared_xacts`)).rows);
console.log((await db2.query(`select locktype, relation::regclass, mode, virtualtransaction from pg_locks where relation is not null`)).rows);
const r = await db2.exec(`select 1 as a; select 2 as b`); console.log(JSON.stringify(r.map(x=>({rows:x.rows,fields:x.fields,affected:x.affectedRows}))));
console.log('intx', db2.isInTransaction?.());
await db2.exec('commit prepared \'t1\''); console.log((await db2.query('select * from accounts')).rows);
