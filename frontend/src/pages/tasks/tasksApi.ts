// Client calls and types of commissioned S&T tasks' first stages:
// proposals, identification rounds, the approved list and the board (the
// shapes come from the server's OpenAPI document).
import { api, ifMatch } from '../../api';
import type { components } from '../../api/schema.gen';
import { limits } from '../../api/limits.gen';

type S = components['schemas'];

export type Proposal = S['TaskProposal'];
export type ProposalInput = S['TaskProposalInput'];
export type ProposalList = S['TaskProposalList'];
export type ProposalState = S['ProposalState'];
export type Round = S['TaskRound'];
export type RoundInput = S['TaskRoundInput'];
export type RoundSummary = S['TaskRoundList']['items'][number];
export type ListInput = S['TaskListInput'];
export type Task = S['Task'];
export type TaskState = S['TaskState'];
export type TaskKind = S['TaskKind'];
export type TaskUrgency = S['TaskUrgency'];
export type TaskMode = S['TaskMode'];
export type Board = S['TaskBoard'];
export type Criterion = Round['criteria'][number];
export type Entry = Round['entries'][number];

export const TASK_KINDS: readonly TaskKind[] = ['research', 'pilot', 'scheme'];
export const URGENCIES: readonly TaskUrgency[] = ['normal', 'high', 'urgent'];
export const MODES: readonly TaskMode[] = ['selection', 'direct'];
export const PROPOSAL_STATES: readonly ProposalState[] = ['draft', 'submitted', 'in_round', 'approved', 'not_approved', 'withdrawn'];

export const PROPOSAL_TITLE = limits['TaskProposalInput.title'];
export const PROPOSAL_MONTHS = limits['TaskProposalInput.months'];
export const PROPOSAL_SECTORS = limits['TaskProposalInput.sectors'];
export const ORDER_PRODUCTS = limits['TaskListInput.orders.products'];
export const ROUND_NAME = limits['TaskRoundInput.name'];

const enc = encodeURIComponent;

export const tasksApi = {
  proposals: (query: { scope: 'mine' | 'all'; state?: string; q?: string; page?: number; pageSize?: number }) =>
    api.get<ProposalList>('/tasks/proposals', query),
  proposalOptions: () => api.get<S['TaskProposalOptions']>('/tasks/proposals/options'),
  createProposal: (input: ProposalInput) => api.post<Proposal>('/tasks/proposals', input),
  proposal: (id: string) => api.get<Proposal>(`/tasks/proposals/${enc(id)}`),
  updateProposal: (id: string, input: ProposalInput, version: number) =>
    api.patch<Proposal>(`/tasks/proposals/${enc(id)}`, input, { headers: ifMatch(version) }),
  proposalStep: (id: string, step: 'submit' | 'withdraw', version: number) =>
    api.post<Proposal>(`/tasks/proposals/${enc(id)}/${step}`, undefined, { headers: ifMatch(version) }),
  rounds: () => api.get<S['TaskRoundList']>('/tasks/rounds'),
  createRound: (input: RoundInput) => api.post<Round>('/tasks/rounds', input),
  round: (id: string) => api.get<Round>(`/tasks/rounds/${enc(id)}`),
  addProposals: (id: string, proposalIds: string[], version: number) =>
    api.post<Round>(`/tasks/rounds/${enc(id)}/proposals`, { proposalIds }, { headers: ifMatch(version) }),
  assignCouncil: (id: string, reviewerIds: string[], version: number) =>
    api.post<Round>(`/tasks/rounds/${enc(id)}/council`, { reviewerIds }, { headers: ifMatch(version) }),
  score: (id: string, proposalId: string, input: S['ScoreInput'], version: number) =>
    api.post<Round>(`/tasks/rounds/${enc(id)}/proposals/${enc(proposalId)}/score`, input, { headers: ifMatch(version) }),
  /** People with the reviewer role (officers). */
  reviewers: () => api.get<{ items: S['Reviewer'][] }>('/support/reviewers').then((r) => r.items ?? []),
  recordList: (id: string, input: ListInput, version: number) =>
    api.post<Round>(`/tasks/rounds/${enc(id)}/list`, input, { headers: ifMatch(version) }),
  board: (query: { state?: string; q?: string; page?: number; pageSize?: number }) => api.get<Board>('/tasks', query),
  task: (id: string) => api.get<Task>(`/tasks/${enc(id)}`),
};
