/**
 * The tellers: several people at several desks, sending commands to the account service. They keep no
 * database. A race sends two withdrawals for the same account in the same instant; a rush sends forty
 * commands for two accounts within 400 ms, at moments and amounts drawn from the kernel's seeded generator.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import type { Command, CommandKind, EventSourcing } from './messages.ts';
import { OPENING_CENTS, RUSH_ACCOUNTS, RUSH_COMMANDS, RUSH_WINDOW_MS } from './settings.ts';

interface TellersState {
  next: number;
}

type Ctx = LabContext<EventSourcing, 'tellers', TellersState>;

function send(ctx: Ctx, stream: string, kind: CommandKind, cents: number) {
  const command: Command = { id: `T-${++ctx.state.next}`, stream, kind, cents };
  ctx.send('accounts', { type: 'command', command, attempt: 1 });
  return command;
}

export const tellers: ServiceSpec<EventSourcing, 'tellers', TellersState> = {
  label: 'Tellers',
  role: 'Send deposits, withdrawals and openings to the account service, several at once',
  initialState: () => ({ next: 0 }),
  on: {
    send: (ctx, m) => void send(ctx, m.stream, m.kind, m.cents),
    race(ctx) {
      send(ctx, 'acc-dave', 'withdraw', 8_000);
      send(ctx, 'acc-dave', 'withdraw', 8_000);
    },
    rush(ctx) {
      for (const stream of RUSH_ACCOUNTS) send(ctx, stream, 'open', OPENING_CENTS);
      for (let i = 0; i < RUSH_COMMANDS; i++) {
        const stream = RUSH_ACCOUNTS[Math.floor(ctx.random() * RUSH_ACCOUNTS.length)] ?? RUSH_ACCOUNTS[0];
        const kind: CommandKind = ctx.random() < 0.4 ? 'deposit' : 'withdraw';
        const cents = 1_000 + Math.floor(ctx.random() * 50) * 100;
        const at = 30 + Math.floor(ctx.random() * RUSH_WINDOW_MS);
        ctx.setTimer(at, { type: 'later', command: { id: `T-${++ctx.state.next}`, stream, kind, cents } });
      }
    },
    later(ctx, m) {
      ctx.send('accounts', { type: 'command', command: m.command, attempt: 1 });
    },
    outcome(ctx, m) {
      ctx.note(`${m.commandId}: ${m.text}`);
    },
  },
};
