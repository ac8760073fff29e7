// "Đề xuất đặt hàng nhiệm vụ" on a published need's page: shown when the
// server says the reader may propose (a member of a verified agency,
// commune, enterprise or S&T organisation); one click writes the draft
// proposal from the need, keeping the link, and opens it.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/Fields';
import { problemMessage } from '../../lib/messages';
import { useAsync } from '../../lib/useAsync';
import { tasksApi } from './tasksApi';

export default function ProposeTaskButton({ needId }: { needId: string; show: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const options = useAsync(() => tasksApi.proposalOptions(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orgs = options.data?.orgs ?? [];
  if (orgs.length === 0) return null;
  return (
    <div className="propose-task">
      <FormAlert message={error} />
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          tasksApi.createProposal({ fromNeed: needId, orgId: orgs[0].id }).then(
            (p) => navigate(`/tasks/proposals/${encodeURIComponent(p.id)}`),
            (e: unknown) => {
              setBusy(false);
              setError(problemMessage(t, e));
            },
          );
        }}
      >
        {t('tasks.proposeFromNeed')}
      </button>
      <p className="muted small">{t('tasks.proposeFromNeedHint')}</p>
    </div>
  );
}
