import { makeStyles, tokens } from '@fluentui/react-components';

/** Every row is exactly this tall: the virtual body positions rows by index. */
export const ROW_HEIGHT = 44;
/** Rows of a narrow grid show the name and, under it, the state. */
export const STACKED_ROW_HEIGHT = 60;

export const useVmGridStyles = makeStyles({
  scroller: {
    flex: '1 1 auto',
    minHeight: 0,
    minWidth: 0,
    overflowX: 'auto',
    display: 'flex',
    flexDirection: 'column',
  },
  grid: {
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
  // Cells: flex basis = the width a column wants; the visible set is chosen so their sum fits (columns.tsx).
  name: { flex: '2 1 220px', minWidth: 0 },
  powerState: { flex: '1.4 1 180px', minWidth: 0 },
  size: { flex: '1.2 1 130px', minWidth: 0 },
  osType: { flex: '0.7 1 80px', minWidth: 0 },
  location: { flex: '1 1 110px', minWidth: 0 },
  resourceGroup: { flex: '1.2 1 120px', minWidth: 0 },
  subscription: { flex: '1.3 1 130px', minWidth: 0 },
  actions: { flex: '0 0 48px', justifyContent: 'center' },
});
