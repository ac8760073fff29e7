import { describe, expect, it } from 'vitest';
import { taskLinks } from './TaskPage';
import type { Task } from './tasksApi';

const can = {
  open: false,
  closeCall: false,
  select: false,
  appraise: false,
  decide: false,
  contract: false,
  disburse: false,
  report: false,
  inspect: false,
  extend: false,
  requestAcceptance: false,
  accept: false,
  register: false,
  publish: false,
  cancel: false,
};

const task = (state: Task['state'], more: Partial<typeof can> = {}) => ({ state, can: { ...can, ...more } }) as Task;

describe('taskLinks', () => {
  it('leads an ordered task to its selection page only for who may open it', () => {
    expect(taskLinks(task('ordered'))).toEqual({ selection: false, contract: false });
    expect(taskLinks(task('ordered', { open: true }))).toEqual({ selection: true, contract: false });
  });
  it('follows the state from the call to the registered results', () => {
    expect(taskLinks(task('call_open'))).toEqual({ selection: true, contract: false });
    expect(taskLinks(task('decided'))).toEqual({ selection: true, contract: true });
    expect(taskLinks(task('contracted'))).toEqual({ selection: false, contract: true });
    expect(taskLinks(task('registered'))).toEqual({ selection: false, contract: true });
    expect(taskLinks(task('cancelled'))).toEqual({ selection: false, contract: false });
  });
});
