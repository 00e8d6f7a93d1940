import { makeStyles, tokens } from '@fluentui/react-components';

/** Every row is exactly this tall: the virtual body positions rows by index. */
export const ROW_HEIGHT = 44;

export const useVmGridStyles = makeStyles({
  scroller: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowX: 'auto',
    display: 'flex',
    flexDirection: 'column',
  },
  grid: {
    minWidth: '960px',
    flex: '1 1 auto',
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  header: {
    flex: '0 0 auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: {
    flex: '1 1 auto',
    minHeight: 0,
  },
  row: {
    alignItems: 'center',
  },
  name: { flex: '2 1 180px', fontWeight: tokens.fontWeightSemibold },
  powerState: { flex: '1.6 1 190px' },
  size: { flex: '1.2 1 140px' },
  osType: { flex: '0.7 1 80px' },
  location: { flex: '1 1 110px' },
  resourceGroup: { flex: '1.2 1 130px' },
  subscription: { flex: '1.3 1 140px' },
});
