// The selection of a commissioned S&T task: the call, the dossiers, the
// selection council, the budget appraisal and the approval decision.
import { api, dispositionName, ifMatch } from '../../api';
import type { components } from '../../api/schema.gen';
import type { ScoresInput } from '../../api/types';
import { openFile } from '../../lib/download';

type S = components['schemas'];
export type TaskSelection = S['TaskSelection'];
export type SelTask = TaskSelection['task'];
export type TaskDossier = S['TaskDossier'];
export type BudgetLine = TaskDossier['budget'][number];
export type DossierInput = S['TaskDossierInput'];
export type OpenInput = S['TaskOpenInput'];
export type AppraiseInput = S['TaskAppraiseInput'];
export type DecideInput = S['TaskDecideInput'];
export type TaskReviewer = S['TaskReviewerList']['items'][number];
export type DossierFileKind = S['TaskDossierFileKind'];
export type BudgetSource = S['TaskBudgetSource'];
export type CouncilDossier = NonNullable<TaskSelection['council']>['dossiers'][number];

export const FILE_KINDS: DossierFileKind[] = ['lead_cv', 'member_cv', 'partner_letter'];
export const SOURCES: BudgetSource[] = ['state', 'other'];

const enc = encodeURIComponent;
const opts = (version?: number) => (version ? { headers: ifMatch(version) } : {});

export const selectionApi = {
  view: (id: string) => api.get<TaskSelection>(`/tasks/${enc(id)}/selection`, undefined, { cache: 'no-cache' }),
  open: (id: string, input: OpenInput, version: number) => api.post<TaskSelection>(`/tasks/${enc(id)}/open`, input, opts(version)),
  closeCall: (id: string, version: number) => api.post<TaskSelection>(`/tasks/${enc(id)}/close-call`, undefined, opts(version)),
  reviewers: (id: string) => api.get<S['TaskReviewerList']>(`/tasks/${enc(id)}/reviewers`, undefined, { cache: 'no-cache' }),
  council: (id: string, reviewerIds: string[], version: number) =>
    api.post<TaskSelection>(`/tasks/${enc(id)}/council`, { reviewerIds }, opts(version)),
  score: (id: string, dossierId: string, input: ScoresInput) => api.post<TaskSelection>(`/tasks/${enc(id)}/scores`, { dossierId, ...input }),
  select: (id: string, dossierId: string, version: number) =>
    api.post<TaskSelection>(`/tasks/${enc(id)}/select`, { dossierId }, opts(version)),
  appraise: (id: string, input: AppraiseInput, version: number) => api.post<TaskSelection>(`/tasks/${enc(id)}/appraise`, input, opts(version)),
  decide: (id: string, input: DecideInput, version: number) => api.post<TaskSelection>(`/tasks/${enc(id)}/decide`, input, opts(version)),
  createDossier: (taskId: string) => api.post<TaskDossier>(`/tasks/${enc(taskId)}/dossiers`, {}),
  dossier: (id: string) => api.get<TaskDossier>(`/tasks/dossiers/${enc(id)}`, undefined, { cache: 'no-cache' }),
  updateDossier: (id: string, input: DossierInput, version: number) => api.patch<TaskDossier>(`/tasks/dossiers/${enc(id)}`, input, opts(version)),
  submitDossier: (id: string, version: number) => api.post<TaskDossier>(`/tasks/dossiers/${enc(id)}/submit`, undefined, opts(version)),
  withdrawDossier: (id: string, version: number) => api.post<TaskDossier>(`/tasks/dossiers/${enc(id)}/withdraw`, undefined, opts(version)),
  uploadFile: (id: string, kind: DossierFileKind, file: File) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return api.post<TaskDossier>(`/tasks/dossiers/${enc(id)}/files`, form);
  },
  deleteFile: (id: string, fileId: string) => api.del(`/tasks/dossiers/${enc(id)}/files/${enc(fileId)}`),
  /** The approval decision as a file (PDF) or a page to print (HTML). */
  decisionFile: async (id: string, format: 'pdf' | 'html', lang: string) => {
    const res = await api.raw(`/tasks/${enc(id)}/papers/decision`, { query: { format, lang }, headers: { Accept: '*/*' } });
    return { blob: await res.blob(), name: dispositionName(res.headers.get('Content-Disposition')) };
  },
};

/** Opens the approval decision: HTML in a tab to print, PDF saved. */
export function openDecision(id: string, format: 'pdf' | 'html', lang: string) {
  return openFile(() => selectionApi.decisionFile(id, format, lang), `decision.${format}`, format === 'html');
}

/** The amount of a budget line: quantity × unit price. */
export const lineAmount = (l: Pick<BudgetLine, 'quantity' | 'unitPrice'>) => (Number(l.quantity) || 0) * (Number(l.unitPrice) || 0);
