import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { RegisterForm } from '../components/RegisterForm';
import { useTitle } from '../lib/useTitle';

export default function Register() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { status } = useAuth();
  const [done, setDone] = useState(false);
  useTitle(t('register.title'));

  if (status === 'authenticated' && !done) return <Navigate to="/organization" replace />;

  return (
    <section className="page narrow">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <RegisterForm
        onDone={() => {
          setDone(true);
          navigate('/organization', { replace: true });
        }}
        onLoginFailed={(message, email) => navigate('/login', { replace: true, state: { message, email } })}
      />
      <p className="form-footer">
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
