import type { ThemeConfig } from 'antd';

// Blue for actions and focus, so that red keeps meaning "error" (the logo keeps the civic red).
// Both blues pass WCAG AA with white text.
const brand = '#1d4ed8';

const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Everyday theme: already a little larger than antd's defaults, for office staff on old screens. */
const standard: ThemeConfig = {
  token: {
    colorPrimary: brand,
    colorLink: '#1d4ed8',
    fontFamily,
    fontSize: 15,
    controlHeight: 40,
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f5f5f5' },
    Menu: { itemHeight: 48, iconSize: 18 },
    Table: { cellPaddingBlock: 12 },
  },
};

/** 适老化: 18px+ type, 52px controls, near-black text and stronger borders. */
const elderly: ThemeConfig = {
  token: {
    colorPrimary: '#1e3a8a',
    colorLink: '#1e3a8a',
    colorText: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#333333',
    colorTextDescription: '#262626',
    colorBorder: '#595959',
    colorBorderSecondary: '#8c8c8c',
    colorError: '#a8071a',
    colorSuccess: '#135200',
    fontFamily,
    fontSize: 19,
    fontSizeLG: 21,
    fontSizeHeading1: 36,
    fontSizeHeading2: 30,
    fontSizeHeading3: 26,
    fontSizeHeading4: 23,
    controlHeight: 52,
    controlHeightLG: 60,
    controlHeightSM: 40,
    lineWidth: 2,
    borderRadius: 8,
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#ffffff' },
    Menu: { itemHeight: 60, iconSize: 22, itemSelectedBg: '#dbe6ff', itemSelectedColor: '#1e3a8a' },
    Table: { cellPaddingBlock: 16, headerBg: '#ececec' },
    Descriptions: { labelBg: '#ececec' },
  },
};

export function themeFor(elderlyMode: boolean): ThemeConfig {
  return elderlyMode ? elderly : standard;
}
