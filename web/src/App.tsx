import { ConfigProvider, Layout, Menu, Button, Dropdown, Space, Spin, Avatar, theme as antdTheme, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import {
  DashboardOutlined, TeamOutlined, ProjectOutlined, TagsOutlined, ThunderboltOutlined, ScheduleOutlined,
  SendOutlined, CheckSquareOutlined, WechatOutlined, UserOutlined, SettingOutlined, LogoutOutlined, RiseOutlined, FundOutlined, UserDeleteOutlined,
  FolderOpenOutlined, CameraOutlined, CommentOutlined, CalendarOutlined, FunnelPlotOutlined, BarChartOutlined, CustomerServiceOutlined, ReadOutlined,
} from '@ant-design/icons';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type MsgKey } from './i18n/index.tsx';
import { useAuth } from './api/auth.tsx';
import { ChangePasswordPage, LoginPage } from './pages/login.tsx';
import { CustomersPage } from './pages/customers.tsx';
import { Customer360Page } from './pages/customer-360.tsx';
import { BoardPage } from './pages/board.tsx';
import { AcquisitionPage } from './pages/acquisition.tsx';
import { RoiPage } from './pages/roi.tsx';
import { ChurnPage } from './pages/churn.tsx';
import { TagsPage } from './pages/tags.tsx';
import { JourneyBoardPage } from './pages/journey-board.tsx';
import { RulesPage } from './pages/rules.tsx';
import { SopsPage } from './pages/sops.tsx';
import { MassMessagePage } from './pages/mass-message.tsx';
import { OperationsCalendarPage } from './pages/operations-calendar.tsx';
import { TasksPage } from './pages/tasks.tsx';
import { FunnelPage } from './pages/funnel.tsx';
import { OperationsPage } from './pages/operations.tsx';
import { ServicePage } from './pages/service.tsx';
import { ContentPage } from './pages/content.tsx';
import { WecomPage } from './pages/wecom.tsx';
import { UsersPage } from './pages/users.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { MaterialsPage } from './pages/materials.tsx';
import { MomentsPage } from './pages/moments.tsx';
import { GroupsPage } from './pages/groups.tsx';
import { LangSwitch } from './components/lang-switch.tsx';
import { ScreenBoundary } from './components/error-boundary.tsx';

const { Sider, Header, Content } = Layout;

type Role = 'admin' | 'operator' | 'staff';
/** Which roles see a menu item: the server refuses the others (src/auth/policy.ts). */
interface NavItem { path: string; key: MsgKey; icon: React.ReactNode; roles?: readonly Role[] }
const MANAGERS: readonly Role[] = ['admin', 'operator'];
const ADMINS: readonly Role[] = ['admin'];
/** The menu in four groups; the e2e crawl clicks its items in this order. */
const NAV_GROUPS: { key: MsgKey; items: NavItem[] }[] = [
  { key: 'nav.group.boards', items: [
    { path: '/board', key: 'nav.home', icon: <DashboardOutlined /> },
    { path: '/acquisition', key: 'nav.acquisition', icon: <RiseOutlined /> },
    { path: '/roi', key: 'nav.roi', icon: <FundOutlined />, roles: MANAGERS },
    { path: '/operations', key: 'nav.operations', icon: <BarChartOutlined /> },
    { path: '/service', key: 'nav.service', icon: <CustomerServiceOutlined /> },
    { path: '/content', key: 'nav.content', icon: <ReadOutlined /> },
    { path: '/funnel', key: 'nav.funnel', icon: <FunnelPlotOutlined /> },
    { path: '/churn', key: 'nav.churn', icon: <UserDeleteOutlined /> },
  ] },
  { key: 'nav.group.customers', items: [
    { path: '/customers', key: 'nav.customers', icon: <TeamOutlined /> },
    { path: '/journeys', key: 'nav.journeys', icon: <ProjectOutlined /> },
    { path: '/groups', key: 'nav.groups', icon: <CommentOutlined /> },
    { path: '/tags', key: 'nav.tags', icon: <TagsOutlined /> },
  ] },
  { key: 'nav.group.outreach', items: [
    { path: '/tasks', key: 'nav.tasks', icon: <CheckSquareOutlined /> },
    { path: '/mass-messages', key: 'nav.mass', icon: <SendOutlined /> },
    { path: '/calendar', key: 'nav.calendar', icon: <CalendarOutlined /> },
    { path: '/moments', key: 'nav.moments', icon: <CameraOutlined /> },
    { path: '/materials', key: 'nav.materials', icon: <FolderOpenOutlined /> },
    { path: '/rules', key: 'nav.rules', icon: <ThunderboltOutlined />, roles: MANAGERS },
    { path: '/sops', key: 'nav.sops', icon: <ScheduleOutlined />, roles: MANAGERS },
  ] },
  { key: 'nav.group.system', items: [
    { path: '/wecom', key: 'nav.wecom', icon: <WechatOutlined />, roles: ADMINS },
    { path: '/users', key: 'nav.users', icon: <UserOutlined />, roles: ADMINS },
    { path: '/settings', key: 'nav.settings', icon: <SettingOutlined />, roles: MANAGERS },
  ] },
];
const NAV: NavItem[] = NAV_GROUPS.flatMap((g) => g.items);

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ algorithm: antdTheme.defaultAlgorithm, token: { colorPrimary: '#13a38b', borderRadius: 8, colorLink: '#0f7f6c' } }}
    >
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { me } = useAuth();
  const { t } = useI18n();
  if (me === undefined) return <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin description={t("common.loading")} size="large"><div style={{ width: 120, height: 60 }} /></Spin></div>;
  if (me === null) return <LoginPage />;
  if (me.mustChangePassword) return <ChangePasswordPage />;
  return <Main />;
}

function Main() {
  const { t } = useI18n();
  const { me, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const role: Role = me?.role ?? 'staff';
  const allowed = (path: string) => { const n = NAV.find((x) => x.path === path); return !n?.roles || n.roles.includes(role); };
  const home = role === 'staff' ? '/tasks' : '/board';
  const visible = (n: NavItem) => !n.roles || n.roles.includes(role);
  const items = NAV_GROUPS.filter((g) => g.items.some(visible)).map((g) => ({
    type: 'group' as const, key: g.key, label: t(g.key),
    children: g.items.filter(visible).map((n) => ({ key: n.path, icon: n.icon, label: t(n.key) })),
  }));
  const selected = NAV.find((n) => loc.pathname.startsWith(n.path))?.path ?? '/board';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={212} breakpoint="lg" collapsedWidth={64} theme="dark" style={{ background: '#0f2a3d' }}>
        <div className="siyu-logo"><span className="mark">私</span><span>{t('app.name')}</span></div>
        <Menu
          theme="dark" mode="inline" selectedKeys={[selected]} items={items}
          style={{ background: 'transparent', borderInlineEnd: 0 }}
          onClick={(e) => nav(e.key)}
        />
      </Sider>
      <Layout>
        <Header className="siyu-header">
          <span className="muted">{t('app.tagline')}</span>
          <Space>
            <LangSwitch />
            <Dropdown menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() }] }}>
              <Button type="text" data-testid="user-menu">
                <Avatar size="small" style={{ background: '#13a38b' }}>{(me?.name ?? '?').slice(0, 1).toUpperCase()}</Avatar>
                <span style={{ marginLeft: 6 }}>{me?.name}</span>
                <span className="muted" style={{ marginLeft: 6 }}>{me ? t(`nav.role.${me.role}` as MsgKey) : ''}</span>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="siyu-content">
          <ScreenBoundary resetKey={loc.pathname} home={home}>
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route path="/login" element={<Navigate to="/" replace />} />
            <Route path="/board" element={<BoardPage />} />
            <Route path="/acquisition" element={<AcquisitionPage />} />
            <Route path="/churn" element={<ChurnPage />} />
            <Route path="/roi" element={allowed('/roi') ? <RoiPage /> : <Navigate to={home} replace />} />
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/customers/:id" element={<Customer360Page />} />
            <Route path="/journeys" element={<JourneyBoardPage />} />
            <Route path="/journeys/:ref" element={<JourneyBoardPage />} />
            <Route path="/tags" element={<TagsPage />} />
            <Route path="/rules" element={allowed('/rules') ? <RulesPage /> : <Navigate to={home} replace />} />
            <Route path="/sops" element={allowed('/sops') ? <SopsPage /> : <Navigate to={home} replace />} />
            <Route path="/mass-messages" element={allowed('/mass-messages') ? <MassMessagePage /> : <Navigate to={home} replace />} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/funnel" element={<FunnelPage />} />
            <Route path="/operations" element={<OperationsPage />} />
            <Route path="/service" element={<ServicePage />} />
            <Route path="/content" element={<ContentPage />} />
            <Route path="/materials" element={<MaterialsPage />} />
            <Route path="/moments" element={<MomentsPage />} />
            <Route path="/groups" element={<GroupsPage />} />
            <Route path="/calendar" element={<OperationsCalendarPage />} />
            <Route path="/wecom" element={allowed('/wecom') ? <WecomPage /> : <Navigate to={home} replace />} />
            <Route path="/users" element={allowed('/users') ? <UsersPage /> : <Navigate to={home} replace />} />
            <Route path="/settings" element={allowed('/settings') ? <SettingsPage /> : <Navigate to={home} replace />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
          </ScreenBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}

