// Commissioned S&T tasks, from the contract to the results on the market:
// the endpoints of the execution steps, beside each other. The shapes come
// from the server's OpenAPI document (schema.gen.ts).
import { api, ifMatch } from './index';
import type { components } from './schema.gen';
import type { ReviewerCandidate } from './types';

type S = components['schemas'];

type View = S['TaskContract'];
/** A task's execution; the contract is null until it is signed. */
export type TaskContractView = Omit<View, 'contract'> & { contract: View['contract'] | null };
export type TaskContract = View['contract'];
export type TaskRecord = View['task'];
export type Milestone = TaskContract['milestones'][number];
export type TaskAcceptance = NonNullable<TaskContract['acceptance']>;
export type TaskContractInput = S['TaskContractInput'];
export type TaskTrancheInput = S['TaskTrancheInput'];
export type TaskReportInput = S['TaskReportInput'];
export type TaskInspectionInput = S['TaskInspectionInput'];
export type TaskExtensionInput = S['TaskExtensionInput'];
export type TaskAcceptanceCouncilInput = S['TaskAcceptanceCouncilInput'];
export type TaskGradeInput = S['TaskGradeInput'];
export type TaskConclusionInput = S['TaskConclusionInput'];
export type TaskRegistrationInput = S['TaskRegistrationInput'];
export type TaskGrade = S['TaskGrade'];

export const TASK_GRADES: readonly TaskGrade[] = ['excellent', 'pass', 'fail'];

/** The steps of the contract page, as `can` names them. */
export type ExecutionStep =
  | 'contract'
  | 'disburse'
  | 'report'
  | 'inspect'
  | 'extend'
  | 'requestAcceptance'
  | 'acceptanceCouncil'
  | 'grade'
  | 'accept'
  | 'register'
  | 'publish';

const enc = encodeURIComponent;
const base = (id: string) => `/tasks/${enc(id)}`;
const versioned = (v?: number) => (v ? { headers: ifMatch(v) } : {});

export const tasksExecution = {
  get: (id: string) => api.get<TaskContractView>(`${base(id)}/contract`),
  /** If-Match: the task's version. */
  sign: (id: string, input: TaskContractInput, taskVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/contract`, input, versioned(taskVersion)),
  /** One tranche, with the Idempotency-Key the officer's confirmation made. */
  disburse: (id: string, input: TaskTrancheInput, key: string) =>
    api.post<TaskContractView>(`${base(id)}/tranches`, input, { headers: { 'Idempotency-Key': key } }),
  /** If-Match: the contract's version. */
  report: (id: string, input: TaskReportInput, contractVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/reports`, input, versioned(contractVersion)),
  /** Attaches a document (PDF or image) to a progress report, as multipart field "file". */
  attachReportFile: (id: string, reportId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<unknown>(`${base(id)}/reports/${enc(reportId)}/files`, form);
  },
  inspect: (id: string, input: TaskInspectionInput, contractVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/inspections`, input, versioned(contractVersion)),
  extend: (id: string, input: TaskExtensionInput, contractVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/extensions`, input, versioned(contractVersion)),
  /** If-Match: the task's version. */
  requestAcceptance: (id: string, report: string, taskVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/acceptance-request`, { report }, versioned(taskVersion)),
  /** If-Match: the contract's version. */
  assignCouncil: (id: string, input: TaskAcceptanceCouncilInput, contractVersion?: number) =>
    api.put<TaskContractView>(`${base(id)}/acceptance/council`, input, versioned(contractVersion)),
  grade: (id: string, input: TaskGradeInput) => api.post<TaskContractView>(`${base(id)}/acceptance/grades`, input),
  /** If-Match: the task's version. */
  conclude: (id: string, input: TaskConclusionInput, taskVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/acceptance/conclusion`, input, versioned(taskVersion)),
  register: (id: string, input: TaskRegistrationInput, taskVersion?: number) =>
    api.post<TaskContractView>(`${base(id)}/registration`, input, versioned(taskVersion)),
  publish: (id: string, taskVersion?: number) => api.post<TaskContractView>(`${base(id)}/publish`, undefined, versioned(taskVersion)),
  /** People with the reviewer role (support's list), to sit on the acceptance council. */
  reviewers: () => api.get<{ items: ReviewerCandidate[] }>('/support/reviewers').then((r) => r.items ?? []),
};
