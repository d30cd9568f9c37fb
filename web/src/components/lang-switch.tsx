import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/index.tsx';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
      {t('nav.lang')}
    </Button>
  );
}
